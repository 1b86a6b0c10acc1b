// Issue 18: zod 4 compiles a fast parser for each object schema with `new Function` the first
// time it parses with it. A CLI command is one short process that parses with many schemas once
// or a few times (the API contract, the event union, the setup), so the compiling costs more than
// it saves: a fresh `minka seal` of the demo spent ~40 ms main-thread CPU less jitless (median
// of 8, alternated). zod documents `jitless` as the same parsing without code generation; the
// Acta's bytes are the same (test/unit/seal-v8-tiering.test.ts seals at a fixed clock and key
// both ways). Only the CLI: the app's long-lived processes keep the compiled parsers.
// `MINKA_ZOD_JIT=1` keeps zod's default (for measuring).
import { z } from 'zod';

z.config({ jitless: process.env['MINKA_ZOD_JIT'] !== '1' });

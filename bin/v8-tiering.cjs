// V8's tiering for the command line (issue 18). A `minka` command is a short process: a fresh
// `minka seal` of the demo ran ~0.75 s on its main thread while V8's background threads spent
// another ~0.6 s CPU compiling hot functions with TurboFan, inlining their callees (pdfkit's
// text and fontkit's shaping mostly), work that mostly finishes too late to pay back. On a
// laptop with two busy cores that CPU is taken from the seal itself. Without TurboFan's
// inlining, and with functions tiered up after 4× V8's default interrupt budget (only the
// really hot ones), the seal used ~28% less CPU for a main thread within a few percent (median
// of 8 each, alternated, load 13-14: CPU 1,465 → 1,055 ms, main thread 745 → 790 ms). These
// flags change which machine code runs, never what it computes: the Acta's bytes are the same
// (test/unit/seal-v8-tiering.test.ts seals at a fixed clock and key both ways).
// `MINKA_V8_TIERING=default` keeps V8's defaults (the bench's same-run baseline).
'use strict';

/** The flags, as `node` takes them on its command line. */
const V8_TIERING_FLAGS = ['--no-turbo-inlining', '--interrupt-budget=270336'];

/** Whether this process keeps V8's defaults. */
const tieringIsDefault = () => process.env.MINKA_V8_TIERING === 'default';

/** Set the flags before the CLI's code is loaded; returns a name for the code cache's folder. */
function tuneV8Tiering() {
  if (tieringIsDefault()) return 'v8-default';
  require('node:v8').setFlagsFromString(V8_TIERING_FLAGS.join(' '));
  return 'v8-tiered';
}

module.exports = { V8_TIERING_FLAGS, tuneV8Tiering };

// V8's code cache for the command line (issue 18). A fresh `minka seal` spent about a tenth of
// its time parsing and compiling JavaScript (the CLI bundle, pdfkit, fontkit, zod) that is the
// same on every run. Node 20 cannot cache ES modules, so bin/minka.mjs loads the CommonJS
// build of the CLI (dist-node/cli.cjs) through `requireWithCodeCache`: every CommonJS module
// it loads (the bundle and the packages it requires) is compiled with the bytes V8 made of it
// on an earlier run, and the cache is written again when something in it was missing or
// refused. It lives in dist-node/code-cache/ (removed with every build) and is only an
// optimisation: a cache that is missing, unreadable, from another Node or V8, for another
// source, or damaged is ignored (each file's source and the whole blob are hashed and checked
// before V8 sees a byte), and a folder that cannot be written just means no cache.
// `MINKA_CODE_CACHE=0` switches it off.
'use strict';
const Module = require('node:module');
const vm = require('node:vm');
const fs = require('node:fs');
const path = require('node:path');
const { createHash } = require('node:crypto');

const FORMAT = 1;
const BLOB = 'cli.bin';
const INDEX = 'cli.json';

const sha1 = (data) => createHash('sha1').update(data).digest('hex');

/** The cache in `dir`: file → { source: sha1 of its source, data: V8's bytes }; empty when unusable. */
function readCache(dir) {
  const known = new Map();
  try {
    const index = JSON.parse(fs.readFileSync(path.join(dir, INDEX), 'utf8'));
    if (
      !index ||
      index.format !== FORMAT ||
      index.node !== process.version ||
      index.arch !== process.arch ||
      !Array.isArray(index.entries)
    )
      return known;
    const blob = fs.readFileSync(path.join(dir, BLOB));
    if (sha1(blob) !== index.blob) return known;
    for (const e of index.entries) {
      if (!Array.isArray(e) || e.length !== 4) return new Map();
      const [file, source, offset, length] = e;
      if (
        typeof file !== 'string' ||
        typeof source !== 'string' ||
        !Number.isSafeInteger(offset) ||
        !Number.isSafeInteger(length) ||
        offset < 0 ||
        length <= 0 ||
        offset + length > blob.length
      )
        return new Map();
      known.set(file, { source, data: blob.subarray(offset, offset + length) });
    }
  } catch {
    return new Map();
  }
  return known;
}

/** Written next to its final name, then renamed: a reader sees the old cache or the new, whole. */
function writeCache(dir, entries) {
  try {
    fs.mkdirSync(dir, { recursive: true });
    const parts = [];
    const index = [];
    let offset = 0;
    for (const [file, { source, data }] of entries) {
      if (!data || data.length === 0) continue;
      index.push([file, source, offset, data.length]);
      parts.push(data);
      offset += data.length;
    }
    const blob = Buffer.concat(parts);
    const tag = `${process.pid}-${Date.now()}`;
    const put = (name, bytes) => {
      const tmp = path.join(dir, `${name}.${tag}.tmp`);
      fs.writeFileSync(tmp, bytes);
      fs.renameSync(tmp, path.join(dir, name));
    };
    put(BLOB, blob);
    put(
      INDEX,
      JSON.stringify({
        format: FORMAT,
        node: process.version,
        arch: process.arch,
        blob: sha1(blob),
        entries: index,
      }),
    );
  } catch {
    // No cache this time (a read-only install, a full disk): the next run compiles again.
  }
}

/** `require` as Node makes it for a module (what its code sees as `require`). */
function requireFor(mod) {
  const req = (id) => mod.require(id);
  req.resolve = (request, options) => Module._resolveFilename(request, mod, false, options);
  req.resolve.paths = (request) => Module._resolveLookupPaths(request, mod);
  req.main = require.main;
  req.extensions = Module._extensions;
  req.cache = Module._cache;
  return req;
}

/**
 * `require(entry)`, every CommonJS module loaded meanwhile compiled with V8's code cache kept
 * in `dir`. Without vm's default loader for `import()` (Node before 20.18), a plain require.
 */
function requireWithCodeCache(entry, dir) {
  const loader = vm.constants && vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  const original = Module.prototype._compile;
  if (!loader || typeof original !== 'function') return require(entry);
  const known = readCache(dir);
  const compiled = new Map();
  let stale = false;
  Module.prototype._compile = function (content, filename, format) {
    // ES modules and anything not plain CommonJS go Node's own way.
    if (format === 'module' || filename.endsWith('.mjs') || typeof content !== 'string')
      return Reflect.apply(original, this, arguments);
    const source = sha1(content);
    const hit = known.get(filename);
    const cachedData = hit && hit.source === source ? hit.data : undefined;
    let script;
    try {
      script = new vm.Script(Module.wrap(content), {
        filename,
        cachedData,
        importModuleDynamically: loader,
      });
    } catch {
      // Not compilable as a CommonJS function (ES syntax Node detects itself): Node decides.
      return Reflect.apply(original, this, arguments);
    }
    if (cachedData === undefined || script.cachedDataRejected) stale = true;
    compiled.set(filename, { source, script });
    const fn = script.runInThisContext({ displayErrors: true });
    return Reflect.apply(fn, this.exports, [
      this.exports,
      requireFor(this),
      this,
      filename,
      path.dirname(filename),
    ]);
  };
  // After the command ran, so V8's bytes hold the functions it compiled on the way too.
  process.once('exit', () => {
    Module.prototype._compile = original;
    if (!stale) return;
    const entries = new Map(known);
    for (const [file, { source, script }] of compiled) {
      try {
        entries.set(file, { source, data: script.createCachedData() });
      } catch {
        entries.delete(file);
      }
    }
    writeCache(dir, entries);
  });
  return require(entry);
}

module.exports = { requireWithCodeCache, readCache };

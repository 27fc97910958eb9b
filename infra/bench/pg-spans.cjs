// Timed spans for the SQL a process sends: preloaded with `node --require infra/bench/pg-spans.cjs` by
// `bench:http` when BENCH_PROFILE is set. Wraps pg's Client#query, times each statement from call to result
// (queueing in the pool excluded: that is the caller's wait for a connection) and, on exit, writes per statement
// shape (whitespace collapsed, first 90 characters) its count and total/mean/max milliseconds to
// $PG_SPANS_FILE as JSON. Development tool only: never loaded by a service in normal running.
const { writeFileSync } = require('node:fs');
const pg = require('pg');

const file = process.env.PG_SPANS_FILE;
const spans = new Map();
const shapeOf = (text) => text.replace(/\s+/g, ' ').trim().slice(0, 90);
const record = (shape, ms) => {
  const span = spans.get(shape) ?? { count: 0, totalMs: 0, maxMs: 0 };
  span.count++;
  span.totalMs += ms;
  span.maxMs = Math.max(span.maxMs, ms);
  spans.set(shape, span);
};

const original = pg.Client.prototype.query;
pg.Client.prototype.query = function query(config, values, callback) {
  const text = typeof config === 'string' ? config : config && typeof config.text === 'string' && typeof config.submit !== 'function' ? config.text : null;
  if (text === null) return original.call(this, config, values, callback);
  const shape = shapeOf(text);
  const started = process.hrtime.bigint();
  const done = () => record(shape, Number(process.hrtime.bigint() - started) / 1e6);
  if (typeof values === 'function') {
    const cb = values;
    return original.call(this, config, (error, result) => (done(), cb(error, result)));
  }
  if (typeof callback === 'function') {
    return original.call(this, config, values, (error, result) => (done(), callback(error, result)));
  }
  const result = original.call(this, config, values);
  if (result && typeof result.then === 'function') result.then(done, done);
  return result;
};

const dump = () => {
  if (!file) return;
  writeFileSync(file, JSON.stringify([...spans].map(([shape, span]) => ({ shape, ...span }))));
};
process.on('exit', dump);
// Written on request too (SIGWINCH: SIGUSR1 starts the inspector and Nest shuts down on SIGUSR2), so that a run can take the spans of one phase and reset them.
process.on('SIGWINCH', () => {
  dump();
  spans.clear();
});

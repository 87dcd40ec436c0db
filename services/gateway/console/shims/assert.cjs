'use strict';
// What antlr4ts (under adaptive-expressions) calls: assert(value) and assert.ok / strictEqual.
function assert(value, message) {
  if (!value) throw new Error(message || 'assertion failed');
}
assert.ok = assert;
assert.equal = (actual, expected, message) => assert(actual == expected, message);
assert.strictEqual = (actual, expected, message) => assert(actual === expected, message);
assert.notStrictEqual = (actual, expected, message) => assert(actual !== expected, message);
assert.fail = (message) => assert(false, message);
module.exports = assert;

'use strict';
// What adaptive-expressions and antlr4ts use of Node's util in a browser.
module.exports = {
  TextEncoder: globalThis.TextEncoder,
  TextDecoder: globalThis.TextDecoder,
  inspect: { custom: Symbol.for('nodejs.util.inspect.custom') },
  promisify: (fn) => (...args) => new Promise((resolve, reject) => fn(...args, (error, value) => (error ? reject(error) : resolve(value)))),
};

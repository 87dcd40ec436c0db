'use strict';
// antlr4ts' InterpreterDataReader (never used by adaptive-expressions) reads files; a browser has none.
module.exports = {};

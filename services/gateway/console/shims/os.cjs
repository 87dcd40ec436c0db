'use strict';
// adaptive-expressions' EOL() function: a browser has no platform line ending; Teams cards use \n.
module.exports = { EOL: '\n' };

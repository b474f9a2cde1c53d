// mvdan/sh's shell parser (the `mvdan-sh` package, Go compiled to JavaScript), loaded the first
// time a script is parsed: starting it costs more than the rest of dagline's start, and commands
// that read no `run:` script never pay for it. CommonJS on purpose: a `require` inside a function
// stays lazy in the CommonJS bundle, where an ES import would be run when the bundle starts.
'use strict';
let library;
module.exports = function shellParserLibrary() {
  if (library === undefined) library = require('mvdan-sh').syntax;
  return library;
};

// The `yaml` package, loaded the first time it is needed. A valid pipeline is read by the quick
// reader (read-yaml-fast.ts) and never needs it; loading it anyway cost ~15 ms of every start.
// CommonJS on purpose: a `require` inside a function stays lazy in the CommonJS bundle, where an
// ES import would be run when the bundle starts.
'use strict';
let library;
module.exports = function yamlLibrary() {
  if (library === undefined) library = require('yaml');
  return library;
};

/** The `yaml` package, loaded the first time it is needed (see yaml-library.cjs). */
declare function yamlLibrary(): typeof import('yaml');
export = yamlLibrary;

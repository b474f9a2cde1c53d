/** mvdan/sh's `syntax` package, loaded the first time it is needed (see shell-parser-library.cjs). */
declare function shellParserLibrary(): ShellSyntaxPackage;

interface ShellSyntaxPackage {
  NewParser(...options: unknown[]): { Parse(text: string, name: string): { __internal_object__: unknown } };
  KeepComments(keep: boolean): unknown;
  Variant(variant: unknown): unknown;
  LangBash: unknown;
  LangPOSIX: unknown;
}

export = shellParserLibrary;

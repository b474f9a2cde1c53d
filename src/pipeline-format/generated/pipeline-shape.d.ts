// Types of the generated shape check (pipeline-shape.js, written by scripts/build.mjs).

/** True when the value has the shape the pipeline schema asks for. */
declare function validate(value: unknown): boolean;
export default validate;
export { validate };

// A pipeline whose values outgrow what one environment variable holds (Linux: 128 KiB): a matrix
// task of 40 legs, each with a value of 4,000 characters, and a task after it. Its legs' JSON
// (DAGLINE_NEEDS_PART_LEGS) is past that limit, and so is its one wave in dynamic mode.

export const WIDE_VALUES = Array.from({ length: 40 }, (_, i) => `${i}-`.padEnd(4000, 'v'));

/** The pipeline, `gather` running `gatherScript`. */
export function widePipeline(gatherScript: string): string {
  return `name: wide
tasks:
  part:
    matrix: { value: ${JSON.stringify(WIDE_VALUES)} }
    run: 'value=\${{ matrix.value }}; echo "length=\${#value}" >> "$DAGLINE_OUTPUT"'
    outputs: [length]
  gather:
    needs: [part]
    run: |
${gatherScript
  .split('\n')
  .map((line) => `      ${line}`)
  .join('\n')}
`;
}

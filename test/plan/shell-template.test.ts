import { describe, expect, it } from 'vitest';
import { analyzeShellTemplate, renderShellTemplate, type ShellTemplate } from '../../src/plan/shell-template.js';

function analyze(script: string): ShellTemplate {
  const t = analyzeShellTemplate(script);
  if ('error' in t) throw new Error(t.error);
  if ('syntaxError' in t) throw new Error(t.syntaxError);
  return t;
}

const render = (script: string, value: string) => renderShellTemplate(analyze(script), () => value);

describe('shell templates', () => {
  it('refuses a value that would end a heredoc early', () => {
    expect(() => render('cat <<EOF\n${{ params.v }}\nEOF', 'x\nEOF\ntouch pwned')).toThrow(
      /would end the heredoc early/,
    );
  });

  it('refuses a template right after a backslash', () => {
    expect(() => render('echo \\${{ params.v }}', 'x')).toThrow(/follows a backslash/);
  });

  it('leaves unknown values as written', () => {
    expect(
      renderShellTemplate(analyze('echo ${{ needs.a.outputs.b }} "${{ params.v }}"'), (p) =>
        p.source.startsWith('params') ? 'x y' : undefined,
      ),
    ).toBe('echo ${{ needs.a.outputs.b }} "x y"');
  });

  it('writes the value as one single-quoted word when bare', () => {
    expect(render('echo ${{ params.v }}', "it's")).toBe(`echo 'it'\\''s'`);
  });
});

describe('shell scripts', () => {
  it('reports a syntax error with its offset in the script', () => {
    const unclosed = analyzeShellTemplate('echo ok\necho "unclosed ${{ params.v }}\n');
    expect(unclosed).toEqual({ syntaxError: 'reached EOF without closing quote "', offset: 13 });
    const noFi = analyzeShellTemplate('if true; then\n  echo ${{ params.v }}\n', 'sh');
    expect(noFi).toMatchObject({ syntaxError: 'if statement must end with "fi"', offset: 0 });
  });

  it('checks sh scripts as POSIX sh', () => {
    expect(analyzeShellTemplate('a=(1 2)', 'sh')).toEqual({ syntaxError: 'arrays are a bash/mksh feature', offset: 2 });
    expect(analyzeShellTemplate('a=(1 2)', 'bash')).toMatchObject({ slots: [] });
  });

  it('finds where the shell evaluates a value again', () => {
    const where = (script: string) => {
      const t = analyze(script);
      return t.slots.map((s) => s.evaluated ?? s.refused?.message ?? s.context);
    };
    expect(where('echo $(( ${{ params.n }} + 1 ))')).toEqual(['$(( ))']);
    expect(where('[[ ${{ params.n }} -eq 1 ]] && echo "${{ params.s }}"')).toEqual(['[[ -eq ]]', 'double']);
    expect(where('n=${{ params.n }}; s=${{ params.s }}; echo $((n + 1)) "$s"')).toEqual([
      '$n, which the script uses in arithmetic',
      'bare',
    ]);
    expect(where('eval "echo ${{ params.s }}"')).toEqual(['is run as code by eval']);
    expect(where('bash -c "echo ${{ params.s }}" _ ${{ params.s }}')).toEqual(['is run as code by bash', 'bare']);
  });

  it('refuses a non-integer where the shell evaluates it, and takes an integer as it is', () => {
    const script = 'echo $(( ${{ params.n }} + 1 ))';
    expect(() => render(script, '$(touch pwned)')).toThrow(/must be a plain integer/);
    expect(() => render(script, 'a[$(touch pwned)]')).toThrow(/must be a plain integer/);
    expect(() => render(script, '0x1f')).toThrow(/must be a plain integer/);
    expect(() => render(script, '010')).toThrow(/must be a plain integer/);
    expect(render(script, '-12')).toBe('echo $(( -12 + 1 ))');
  });
});

import { describe, expect, it } from 'vitest';
import { compileTemplate, escapeHtml, renderTemplate, TemplateSyntaxError } from './mustache.ts';

const render = (source: string, view: unknown, fallback?: unknown) =>
  renderTemplate(source, view, fallback === undefined ? {} : { fallback }).text;

describe('mustache templates', () => {
  it('inserts dotted paths, numbers, booleans and JSON for objects', () => {
    expect(
      render('{{a.b}} {{n}} {{ok}} {{obj}} {{list.1}}', {
        a: { b: 'x' },
        n: 2,
        ok: true,
        obj: { k: 1 },
        list: ['p', 'q'],
      }),
    ).toBe('x 2 true {"k":1} q');
  });

  it('repeats sections over lists, with the loop variables', () => {
    const view = { items: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] };
    expect(render('{{#items}}{{@number}}.{{name}}{{^@last}}, {{/@last}}{{/items}}', view)).toBe(
      '1.a, 2.b, 3.c',
    );
    expect(render('{{#tags}}[{{.}}]{{/tags}}', { tags: ['x', 'y'] })).toBe('[x][y]');
  });

  it('renders inverted sections for missing, false and empty values', () => {
    expect(render('{{^items}}none{{/items}}', { items: [] })).toBe('none');
    expect(render('{{^flag}}off{{/flag}}{{#flag}}on{{/flag}}', { flag: false })).toBe('off');
    expect(render('{{#user}}Hi {{name}}{{/user}}', { user: { name: 'Ada' } })).toBe('Hi Ada');
  });

  it('looks names up outwards through the section stack', () => {
    expect(
      render('{{#items}}{{name}}@{{site}} {{/items}}', { site: 'w', items: [{ name: 'a' }, { name: 'b' }] }),
    ).toBe('a@w b@w ');
  });

  it('drops lines that only hold a block tag', () => {
    const source = 'List:\n{{#items}}\n- {{.}}\n{{/items}}\nEnd';
    expect(render(source, { items: ['a', 'b'] })).toBe('List:\n- a\n- b\nEnd');
  });

  it('reports missing names and leaves them empty', () => {
    const result = renderTemplate('Hello {{who}}{{#x}}{{y}}{{/x}}', {});
    expect(result).toEqual({ text: 'Hello ', missing: ['who'] });
  });

  it('uses the fallback scope for state. and input.', () => {
    expect(render('{{input.q}} {{state.a}} {{a}}', { a: 1 }, { state: { a: 1 }, input: { q: 'hi' } })).toBe(
      'hi 1 1',
    );
  });

  it('escapes only through the escape function, never for triple mustaches', () => {
    const result = renderTemplate('{{x}} {{{x}}} {{&x}}', { x: '<b>' }, { escape: escapeHtml });
    expect(result.text).toBe('&#60;b&#62; <b> <b>');
  });

  it('never reaches prototypes or calls anything', () => {
    expect(render('{{constructor}}{{toString}}{{a.__proto__}}{{a.constructor.name}}', { a: {} })).toBe('');
    expect(render('{{length}}', 'text')).toBe('');
  });

  it('refuses malformed templates with a position', () => {
    expect(() => compileTemplate('{{#a}}x')).toThrow(TemplateSyntaxError);
    expect(() => compileTemplate('{{#a}}{{/b}}')).toThrow(/closes/);
    expect(() => compileTemplate('{{> partial}}')).toThrow(/not supported/);
    expect(() => compileTemplate('{{a b}}')).toThrow(/not a name/);
    expect(() => compileTemplate('x {{ y')).toThrow(/unclosed tag \(at character 3\)/);
  });

  it('caps the output length', () => {
    expect(() =>
      renderTemplate(
        '{{#a}}{{#a}}{{#a}}xx{{/a}}{{/a}}{{/a}}',
        { a: new Array(100).fill(1) },
        { maxLength: 1000 },
      ),
    ).toThrow(/longer than 1000/);
  });
});

import { defineTool } from '@weft/engine';
import { z } from 'zod';
import { stateKey } from '../shared/state-path.ts';
import { renderWithState } from '../shared/template-view.ts';
import { ToolsError } from '../shared/tools-error.ts';
import { escapeHtml, templateString } from './mustache.ts';

export const textTemplate = defineTool({
  id: 'text.template',
  title: 'Template',
  category: 'Text',
  description:
    'Renders a Mustache-style template over the state ({{name}}, {{#list}}…{{/list}}, {{^missing}}…{{/missing}}) into a state key. Placeholders are looked up, never executed.',
  config: z.object({
    template: templateString('The template. `{{a.b}}` inserts state.a.b; `{{input.x}}` the run input.'),
    into: stateKey('State key that receives the rendered text.', 'text'),
    escape: z
      .enum(['none', 'html'])
      .default('none')
      .describe('`html` escapes & < > " \' in inserted values; `none` inserts them as they are.'),
    strict: z
      .boolean()
      .default(false)
      .describe('Fail when a placeholder has no value instead of leaving it empty.'),
  }),
  run({ config, state, input, log }) {
    const { text, missing } = renderWithState(config.template, state, input, {
      ...(config.escape === 'html' ? { escape: escapeHtml } : {}),
    });
    if (missing.length > 0) {
      const names = missing.map((name) => `{{${name}}}`).join(', ');
      if (config.strict) throw new ToolsError('TEMPLATE_MISSING', `no value for ${names} in the state`);
      log.warn(`no value for ${names}; left empty`);
    }
    return { [config.into]: text };
  },
});

import { type CelEnvironment, createCelEnvironment } from './environment.ts';

/**
 * The CEL scopes of DESIGN §3.8. Environments only hold configuration and a cache of compiled programs,
 * so one of each is shared.
 */

/** Edge conditions: `state` (after the node's patch), `output` (the patch), `input`, `visit`. */
export const conditionScope: CelEnvironment = createCelEnvironment({
  state: 'map',
  output: 'map',
  input: 'dyn',
  visit: 'int',
});

/** Conditions on `onError` edges also see `error` (`{ code, message }`). */
export const errorConditionScope: CelEnvironment = createCelEnvironment({
  state: 'map',
  output: 'map',
  input: 'dyn',
  visit: 'int',
  error: 'map',
});

/** Computed values (`core.compute`, `json.map` …): the node's start snapshot and the run input. */
export const valueScope: CelEnvironment = createCelEnvironment({ state: 'map', input: 'dyn' });

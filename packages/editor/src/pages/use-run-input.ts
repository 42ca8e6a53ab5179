import { useCallback, useMemo, useState } from 'react';

const key = (graphId: string) => `weft.input.${graphId}`;

/** The run input of a graph as JSON text, kept per graph in localStorage; parsed, with the parse error. */
export function useRunInput(graphId: string) {
  const [input, setInputState] = useState(() => localStorage.getItem(key(graphId)) ?? '{}');
  const setInput = useCallback(
    (text: string) => {
      setInputState(text);
      localStorage.setItem(key(graphId), text);
    },
    [graphId],
  );
  const { parsedInput, inputError } = useMemo(() => {
    if (input.trim() === '') return { parsedInput: {}, inputError: null };
    try {
      return { parsedInput: JSON.parse(input) as unknown, inputError: null };
    } catch (err) {
      return { parsedInput: undefined, inputError: (err as Error).message };
    }
  }, [input]);
  return { input, setInput, parsedInput, inputError };
}

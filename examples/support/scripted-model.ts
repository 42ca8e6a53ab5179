import type { StubChatRequest } from '@weft/tools/testing';

/**
 * A stand-in for a language model that plays the llm-agent example's three roles: it drafts, it
 * critiques with the scores given in turn (as JSON), and it revises using the feedback.
 */
export function scriptedModel(scores: number[]): (request: StubChatRequest) => string {
  let critiques = 0;
  return (request) => {
    const system = request.messages[0]?.content ?? '';
    const prompt = request.messages.at(-1)?.content ?? '';
    if (system.includes('strict editor')) {
      const score = scores[Math.min(critiques++, scores.length - 1)] ?? 10;
      return JSON.stringify({ score, feedback: score < 8 ? 'Add a concrete example of a crash.' : 'Good.' });
    }
    if (prompt.startsWith('Revise')) {
      return 'A write-ahead log records each change before it is applied, so after a crash the database replays the log; for example, a half-written page is rebuilt from it.';
    }
    return 'A write-ahead log records each change before it is applied.';
  };
}

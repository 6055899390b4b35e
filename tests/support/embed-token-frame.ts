/**
 * A framed page that asks its parent for tokens the way the embed page does (host-token.ts), so
 * the messages come from this frame's own window. `?parent=<origin>&timeout=<ms>`; the test calls
 * `ask()` and reads `answers`.
 */
import { createHostTokenSource } from '../../components/embed/host-token.js';

const query = new URLSearchParams(location.search);
const source = createHostTokenSource(query.get('parent') ?? location.origin, { timeoutMs: Number(query.get('timeout') ?? 15000) });
const frame = window as unknown as { answers: unknown[]; ask: () => void; stop: () => void };
frame.answers = [];
frame.ask = () => {
  source.token().then(
    (answer) => frame.answers.push(answer),
    (error: Error) => frame.answers.push({ error: error.message }),
  );
};
frame.stop = () => source.stop();

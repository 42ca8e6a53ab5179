import { useEffect, useState } from 'react';
import { onUnauthorized, tokenStore } from '../api/api-client.ts';
import { Dialog } from '../ui/dialog.tsx';

/** Asks for the API token when the server answers 401 (it runs with WEFT_API_TOKEN); kept in localStorage. */
export function TokenDialog() {
  const [open, setOpen] = useState(false);
  const [token, setToken] = useState('');
  useEffect(() => onUnauthorized(() => setOpen(true)), []);
  return (
    <Dialog open={open} title="API token needed" onClose={() => setOpen(false)} testId="token-dialog">
      <form
        className="wf-form"
        onSubmit={(e) => {
          e.preventDefault();
          tokenStore.set(token.trim() || null);
          location.reload();
        }}
      >
        <p>This server requires a token (WEFT_API_TOKEN). It is stored in this browser only.</p>
        <input
          className="wf-input wf-mono"
          type="password"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          aria-label="API token"
        />
        <div className="wf-dialog__footer wf-dialog__footer--inline">
          <button type="submit" className="wf-button wf-button--primary">
            Use token
          </button>
        </div>
      </form>
    </Dialog>
  );
}

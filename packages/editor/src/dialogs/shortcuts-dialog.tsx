import { memo } from 'react';
import { Dialog } from '../ui/dialog.tsx';
import { SHORTCUTS } from './shortcuts.ts';

/** The list of keyboard shortcuts (press ?). On macOS Ctrl is ⌘. */
export const ShortcutsDialog = memo(function ShortcutsDialog({
  open,
  onClose,
}: {
  open: boolean;
  onClose(): void;
}) {
  return (
    <Dialog open={open} title="Keyboard shortcuts" onClose={onClose} width={460} testId="shortcuts-dialog">
      <table className="wf-shortcuts">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <td>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 ? ' + ' : null}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{s.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="wf-muted">On macOS, use ⌘ for Ctrl. Shortcuts are off while typing in a field.</p>
    </Dialog>
  );
});

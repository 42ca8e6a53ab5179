import { type ReactNode, useEffect, useRef } from 'react';
import { IconButton } from './icons.tsx';

export interface DialogProps {
  title: ReactNode;
  open: boolean;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  width?: number;
  testId?: string;
}

/** A modal on the native `<dialog>`: focus stays inside, Escape closes it, the page behind is inert. */
export function Dialog({ title, open, onClose, children, footer, width = 480, testId }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  if (!open) return null;
  return (
    <dialog
      ref={ref}
      className="wf-dialog"
      style={{ width }}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onKeyDown={(e) => e.stopPropagation()}
    >
      <header className="wf-dialog__header">
        <h2>{title}</h2>
        <IconButton icon="x" title="Close" onClick={onClose} />
      </header>
      <div className="wf-dialog__body">{children}</div>
      {footer ? <footer className="wf-dialog__footer">{footer}</footer> : null}
    </dialog>
  );
}

/** A yes/no question; `danger` styles the confirming button red. */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Dialog
      open={props.open}
      title={props.title}
      onClose={props.onCancel}
      testId="confirm-dialog"
      footer={
        <>
          <button type="button" className="wf-button" onClick={props.onCancel}>
            Cancel
          </button>
          <button
            type="button"
            className={`wf-button ${props.danger ? 'wf-button--danger' : 'wf-button--primary'}`}
            onClick={props.onConfirm}
            data-testid="confirm-button"
            // biome-ignore lint/a11y/noAutofocus: the confirming action is what a dialog's keyboard user expects focused.
            autoFocus
          >
            {props.confirmLabel}
          </button>
        </>
      }
    >
      <div className="wf-dialog__message">{props.message}</div>
    </Dialog>
  );
}

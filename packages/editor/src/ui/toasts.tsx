import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';
import { Icon, IconButton } from './icons.tsx';

export type ToastKind = 'info' | 'success' | 'error';
interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
}
type Notify = (message: string, kind?: ToastKind) => void;

const ToastContext = createContext<Notify>(() => {});

/** Short notices at the bottom right (saved, errors); errors stay until dismissed. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((t) => t.id !== id)), []);
  const notify = useCallback<Notify>(
    (message, kind = 'info') => {
      const id = next.current++;
      setToasts((list) => [...list.slice(-3), { id, kind, message }]);
      if (kind !== 'error') setTimeout(() => dismiss(id), 3500);
    },
    [dismiss],
  );
  const value = useMemo(() => notify, [notify]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="wf-toasts" aria-live="polite">
        {toasts.map((t) => (
          <div
            key={t.id}
            className={`wf-toast wf-toast--${t.kind}`}
            role={t.kind === 'error' ? 'alert' : 'status'}
          >
            <Icon name={t.kind === 'error' ? 'alert' : t.kind === 'success' ? 'check' : 'dot'} />
            <span>{t.message}</span>
            <IconButton icon="x" size={14} title="Dismiss" onClick={() => dismiss(t.id)} />
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): Notify {
  return useContext(ToastContext);
}

import { useMemo } from 'react';
import { TokenDialog } from './dialogs/token-dialog.tsx';
import { EditorPage } from './pages/editor-page.tsx';
import { GraphsPage } from './pages/graphs-page.tsx';
import { AppChromeContext } from './ui/app-context.tsx';
import { useRoute } from './ui/router.ts';
import { useTheme } from './ui/theme.ts';
import { ToastProvider } from './ui/toasts.tsx';

/** The editor app: the graph list at `/`, one graph at `/graphs/<id>`. */
export function App() {
  const route = useRoute();
  const [theme, toggleTheme] = useTheme();
  const chrome = useMemo(() => ({ theme, toggleTheme }), [theme, toggleTheme]);
  return (
    <AppChromeContext.Provider value={chrome}>
      <ToastProvider>
        {route.page === 'graph' ? (
          <EditorPage key={route.graphId} graphId={route.graphId} runId={route.runId} />
        ) : (
          <GraphsPage />
        )}
        <TokenDialog />
      </ToastProvider>
    </AppChromeContext.Provider>
  );
}

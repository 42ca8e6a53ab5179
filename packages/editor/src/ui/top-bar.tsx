import type { ReactNode } from 'react';
import { useAppChrome } from './app-context.tsx';
import { IconButton } from './icons.tsx';
import { navigate } from './router.ts';

/** The bar across the top of both pages: the brand, page content, and the theme switch. */
export function TopBar({ children, right }: { children?: ReactNode; right?: ReactNode }) {
  const { theme, toggleTheme } = useAppChrome();
  return (
    <header className="wf-topbar">
      <a
        className="wf-brand"
        href="/"
        title="All graphs"
        onClick={(e) => {
          e.preventDefault();
          navigate('/');
        }}
      >
        <img src="/favicon.svg" alt="" width={22} height={22} />
        <span>Weft</span>
      </a>
      <div className="wf-topbar__main">{children}</div>
      <div className="wf-topbar__right">
        {right}
        <IconButton
          icon={theme === 'dark' ? 'sun' : 'moon'}
          onClick={toggleTheme}
          title={theme === 'dark' ? 'Light theme' : 'Dark theme'}
          label="Toggle theme"
          testId="theme-toggle"
        />
      </div>
    </header>
  );
}

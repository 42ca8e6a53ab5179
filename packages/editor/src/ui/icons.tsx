import type { SVGProps } from 'react';

const paths = {
  play: 'M7 4.5v15l12-7.5z',
  stop: 'M6 6h12v12H6z',
  save: 'M5 3h11l4 4v12a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V4a1 1 0 0 1 1-1zm2 0v5h8V3M7 21v-7h10v7',
  undo: 'M9 14 4 9l5-5M4 9h10.5a5.5 5.5 0 0 1 0 11H11',
  redo: 'm15 14 5-5-5-5m5 5H9.5a5.5 5.5 0 0 0 0 11H13',
  layout: 'M4 5h5v4H4zm11 0h5v4h-5zM9.5 15h5v4h-5zM6.5 9v3h11V9M12 12v3',
  fit: 'M4 9V4h5m6 0h5v5m0 6v5h-5m-6 0H4v-5',
  sun: 'M12 17a5 5 0 1 0 0-10 5 5 0 0 0 0 10zm0-15v2m0 16v2M4.2 4.2l1.4 1.4m12.8 12.8 1.4 1.4M2 12h2m16 0h2M4.2 19.8l1.4-1.4M18.4 5.6l1.4-1.4',
  moon: 'M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z',
  help: 'M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zm-2.8-13a3 3 0 0 1 5.8 1c0 2-3 2.5-3 4.5m0 3.5h.01',
  trash: 'M4 7h16M10 11v6m4-6v6M6 7l1 13h10l1-13M9 7V4h6v3',
  copy: 'M9 9h11v11H9zM5 15H4V4h11v1',
  download: 'M12 4v11m-5-5 5 5 5-5M5 20h14',
  upload: 'M12 20V9m-5 5 5-5 5 5M5 4h14',
  history: 'M3 12a9 9 0 1 0 3-6.7L3 8m0-5v5h5m4-1v5l3 3',
  check: 'm5 12 5 5L20 7',
  x: 'M6 6l12 12M18 6 6 18',
  alert: 'M12 3 2 21h20zm0 6v5m0 3.5h.01',
  clock: 'M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zm0-15v5l3 2',
  spinner: 'M12 3a9 9 0 1 0 9 9',
  skip: 'M5 5l9 7-9 7zm12 0v14',
  pause: 'M7 5h3v14H7zm7 0h3v14h-3z',
  search: 'M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14zm10 3-5-5',
  plus: 'M12 5v14M5 12h14',
  chevronDown: 'm6 9 6 6 6-6',
  chevronRight: 'm9 6 6 6-6 6',
  chevronLeft: 'm15 6-6 6 6 6',
  keyboard: 'M3 6h18v12H3zm4 4h.01M11 10h.01M15 10h.01M7 14h10',
  retry: 'M20 11a8 8 0 1 0-2.3 5.7M20 4v7h-7',
  hand: 'M8 13V5.5a1.5 1.5 0 0 1 3 0V12m0-1.5v-6a1.5 1.5 0 0 1 3 0V12m0-5.5a1.5 1.5 0 0 1 3 0V12m0-3a1.5 1.5 0 0 1 3 0v6a6 6 0 0 1-6 6h-1.5a6 6 0 0 1-5-2.7L4 14.5a1.5 1.5 0 0 1 2.5-1.6L8 15',
  loop: 'M17 2l4 4-4 4M3 12v-2a4 4 0 0 1 4-4h14M7 22l-4-4 4-4m18 0v2a4 4 0 0 1-4 4H3',
  branch: 'M6 3v12m0 0a3 3 0 1 0 0 6 3 3 0 0 0 0-6zm12-9a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm0 0a9 9 0 0 1-9 9',
  cube: 'M12 2 3 7v10l9 5 9-5V7zm0 10 9-5M12 12v10M12 12 3 7',
  text: 'M4 6h16M4 12h10M4 18h13',
  braces:
    'M8 3H7a2 2 0 0 0-2 2v5a2 2 0 0 1-2 2 2 2 0 0 1 2 2v5a2 2 0 0 0 2 2h1m8-18h1a2 2 0 0 1 2 2v5a2 2 0 0 0 2 2 2 2 0 0 0-2 2v5a2 2 0 0 1-2 2h-1',
  globe: 'M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zM2 12h20M12 2a15 15 0 0 1 0 20 15 15 0 0 1 0-20',
  sparkle: 'M12 3l2 6 6 2-6 2-2 6-2-6-6-2 6-2zM19 3v4m-2-2h4',
  code: 'm8 7-5 5 5 5m8-10 5 5-5 5',
  user: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-7 9a7 7 0 0 1 14 0',
  bolt: 'M13 2 4 14h7l-1 8 9-12h-7z',
  dot: 'M12 12h.01',
  file: 'M6 2h9l5 5v15H6zm9 0v5h5',
  edit: 'M4 20h4L19 9l-4-4L4 16zm9-13 4 4',
  back: 'M19 12H5m6-6-6 6 6 6',
  external: 'M14 4h6v6m0-6L10 14M18 14v6H4V6h6',
  grid: 'M4 4h7v7H4zm9 0h7v7h-7zM4 13h7v7H4zm9 0h7v7h-7z',
  list: 'M8 6h13M8 12h13M8 18h13M3 6h.01M3 12h.01M3 18h.01',
  menu: 'M12 5h.01M12 12h.01M12 19h.01',
} as const;

export type IconName = keyof typeof paths;

/** A 24×24 stroke icon; decorative unless given a `title`. */
export function Icon({
  name,
  size = 16,
  title,
  ...rest
}: { name: IconName; size?: number; title?: string } & SVGProps<SVGSVGElement>) {
  return (
    // biome-ignore lint/a11y/noSvgWithoutTitle: decorative icons are aria-hidden; an icon given a title carries a <title>.
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill={name === 'play' || name === 'stop' || name === 'pause' ? 'currentColor' : 'none'}
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden={title ? undefined : true}
      role={title ? 'img' : undefined}
      className={`wf-icon${name === 'spinner' ? ' wf-spin' : ''}`}
      {...rest}
    >
      {title ? <title>{title}</title> : null}
      <path d={paths[name]} />
    </svg>
  );
}

/** A square button showing one icon; `title` is its tooltip and, unless `label` is given, its name. */
export function IconButton({
  icon,
  title,
  label = title,
  onClick,
  disabled,
  danger,
  size,
  testId,
}: {
  icon: IconName;
  title: string;
  label?: string;
  onClick(): void;
  disabled?: boolean;
  danger?: boolean;
  size?: number;
  testId?: string;
}) {
  return (
    <button
      type="button"
      className={danger ? 'wf-icon-button wf-icon-button--danger' : 'wf-icon-button'}
      onClick={onClick}
      disabled={disabled}
      title={title}
      aria-label={label}
      data-testid={testId}
    >
      <Icon name={icon} size={size} />
    </button>
  );
}

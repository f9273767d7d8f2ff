import type { ReactElement, SVGProps } from 'react';

// A handful of line icons drawn inline (no icon font or package, nothing for the CSP to allow).

type IconProps = SVGProps<SVGSVGElement> & { size?: number };

function Icon({ size = 18, children, ...rest }: IconProps): ReactElement {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...rest}
    >
      {children}
    </svg>
  );
}

export const IconHome = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <path d="M4 11 12 4l8 7" />
    <path d="M6 10v10h12V10" />
  </Icon>
);
export const IconKey = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <circle cx="8" cy="14" r="4" />
    <path d="m11 11 9-9M17 5l2 2M15 7l2 2" />
  </Icon>
);
export const IconLogout = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <path d="M15 4h4v16h-4" />
    <path d="M10 8l-4 4 4 4M6 12h10" />
  </Icon>
);
export const IconLock = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <rect x="5" y="10" width="14" height="10" rx="2" />
    <path d="M8 10V7a4 4 0 0 1 8 0v3" />
  </Icon>
);
export const IconAlert = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 7v6M12 16.5v.5" />
  </Icon>
);
export const IconInbox = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <path d="M4 13h4l1 3h6l1-3h4" />
    <path d="M4 13 6.5 5h11L20 13v6H4z" />
  </Icon>
);
export const IconChevronDown = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <path d="m6 9 6 6 6-6" />
  </Icon>
);
export const IconSort = (p: IconProps & { sortDir: 'asc' | 'desc' | false }): ReactElement => {
  const { sortDir: direction, ...rest } = p;
  return (
    <Icon {...rest} strokeWidth={2}>
      <path d="m8 10 4-4 4 4" opacity={direction === 'asc' ? 1 : 0.3} />
      <path d="m8 14 4 4 4-4" opacity={direction === 'desc' ? 1 : 0.3} />
    </Icon>
  );
};
export const IconUsers = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <circle cx="9" cy="8" r="3.5" />
    <path d="M3 20c.6-3.6 3-5.5 6-5.5s5.4 1.9 6 5.5" />
    <circle cx="17" cy="9" r="2.5" />
    <path d="M16.5 14.5c2.4.2 4 1.8 4.5 4.5" />
  </Icon>
);
export const IconSearch = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <circle cx="11" cy="11" r="6.5" />
    <path d="m16 16 4.5 4.5" />
  </Icon>
);

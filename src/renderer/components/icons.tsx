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

// Admin and department-office screens.
export const IconDashboard = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <rect x="4" y="4" width="7" height="9" rx="1" />
    <rect x="13" y="4" width="7" height="5" rx="1" />
    <rect x="13" y="11" width="7" height="9" rx="1" />
    <rect x="4" y="15" width="7" height="5" rx="1" />
  </Icon>
);
export const IconSchool = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <path d="m2 9 10-5 10 5-10 5z" />
    <path d="M6 11v5c2 2 10 2 12 0v-5M22 9v6" />
  </Icon>
);
export const IconUserCheck = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <circle cx="9" cy="8" r="3.5" />
    <path d="M3 20c.6-3.6 3-5.5 6-5.5 1.6 0 3 .5 4 1.5" />
    <path d="m15 18 2 2 4-4" />
  </Icon>
);
export const IconLink = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1" />
    <path d="M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />
  </Icon>
);
export const IconFlag = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <path d="M5 21V4M5 4h11l-2 4 2 4H5" />
  </Icon>
);
export const IconClock = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <circle cx="12" cy="12" r="8.5" />
    <path d="M12 7.5V12l3 2" />
  </Icon>
);
export const IconGauge = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <path d="M4 17a8 8 0 1 1 16 0" />
    <path d="m12 17 4-5" />
  </Icon>
);
export const IconReport = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <path d="M14 3H6v18h12V7z" />
    <path d="M14 3v4h4M9 12h6M9 16h6" />
  </Icon>
);
export const IconUpload = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <path d="M12 16V4M7 9l5-5 5 5" />
    <path d="M4 16v4h16v-4" />
  </Icon>
);
export const IconDownload = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <path d="M12 4v12M7 11l5 5 5-5" />
    <path d="M4 16v4h16v-4" />
  </Icon>
);
export const IconBuilding = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <path d="M4 21V5l8-2v18M12 8l8 2v11M3 21h18" />
    <path d="M7 8h2M7 12h2M7 16h2M15 13h2M15 17h2" />
  </Icon>
);
export const IconLayers = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <path d="m12 4 9 5-9 5-9-5z" />
    <path d="m3 14 9 5 9-5" />
  </Icon>
);
export const IconHistory = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <path d="M4 12a8 8 0 1 0 2.3-5.7L4 8.6" />
    <path d="M4 4v4.6h4.6M12 8v4l3 2" />
  </Icon>
);
export const IconPlus = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <path d="M12 5v14M5 12h14" />
  </Icon>
);
export const IconPencil = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <path d="M4 20h4L19 9l-4-4L4 16z" />
    <path d="m13.5 6.5 4 4" />
  </Icon>
);
export const IconPrinter = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <path d="M7 9V3h10v6" />
    <rect x="3" y="9" width="18" height="8" rx="2" />
    <path d="M7 14h10v7H7z" />
  </Icon>
);
export const IconCopy = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <rect x="8" y="8" width="12" height="12" rx="2" />
    <path d="M16 8V5a1 1 0 0 0-1-1H5a1 1 0 0 0-1 1v10a1 1 0 0 0 1 1h3" />
  </Icon>
);
export const IconDots = (p: IconProps): ReactElement => (
  <Icon {...p} strokeWidth={2.6}>
    <path d="M5 12h.01M12 12h.01M19 12h.01" />
  </Icon>
);
export const IconCheck = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <path d="m5 12 5 5 9-10" />
  </Icon>
);
export const IconX = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <path d="M6 6l12 12M18 6 6 18" />
  </Icon>
);
export const IconRefresh = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <path d="M20 12a8 8 0 1 1-2.3-5.7L20 8.6" />
    <path d="M20 4v4.6h-4.6" />
  </Icon>
);
export const IconArrowLeft = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <path d="M19 12H5M11 6l-6 6 6 6" />
  </Icon>
);
export const IconFile = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <path d="M14 3H6v18h12V7z" />
    <path d="M14 3v4h4" />
  </Icon>
);
export const IconWand = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <path d="m4 20 11-11M13 7l4 4" />
    <path d="M18 3v3M16.5 4.5h3M20 9v2M19 10h2M10 3v2M9 4h2" />
  </Icon>
);
export const IconBell = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <path d="M6 16V11a6 6 0 0 1 12 0v5l1.5 2h-15z" />
    <path d="M10 20.5a2.2 2.2 0 0 0 4 0" />
  </Icon>
);
export const IconCalendar = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <rect x="4" y="5.5" width="16" height="14.5" rx="2" />
    <path d="M4 10h16M8.5 3.5v4M15.5 3.5v4" />
  </Icon>
);
export const IconTarget = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <circle cx="12" cy="12" r="8.5" />
    <circle cx="12" cy="12" r="4.5" />
    <circle cx="12" cy="12" r="0.8" />
  </Icon>
);
export const IconMessage = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <path d="M4.5 5.5h15v10h-9l-4 3.5v-3.5h-2z" />
    <path d="M8 9.5h8M8 12.5h5" />
  </Icon>
);
export const IconChecklist = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <path d="m4 6.5 1.5 1.5 3-3M4 13.5 5.5 15l3-3" />
    <path d="M11.5 7h8.5M11.5 14h8.5M4.5 19.5h15.5" />
  </Icon>
);
export const IconNotebook = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <rect x="5.5" y="3.5" width="13" height="17" rx="1.5" />
    <path d="M3.5 7.5h3M3.5 12h3M3.5 16.5h3M9.5 8h6M9.5 11.5h6" />
  </Icon>
);
export const IconCloud = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <path d="M7 18.5h10.5a3.8 3.8 0 0 0 .4-7.6 5.5 5.5 0 0 0-10.6-1.4A4.5 4.5 0 0 0 7 18.5z" />
  </Icon>
);
export const IconCloudOff = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <path d="M9 7.3a5.5 5.5 0 0 1 8.9 3.6 3.8 3.8 0 0 1 2 6.4M16 18.5H7a4.5 4.5 0 0 1-1.7-8.7" />
    <path d="m3.5 3.5 17 17" />
  </Icon>
);
export const IconTrash = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <path d="M4.5 7h15M9.5 7V4.5h5V7M6.5 7l1 13h9l1-13" />
  </Icon>
);
export const IconArrowUp = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <path d="M12 19V5M6 11l6-6 6 6" />
  </Icon>
);
export const IconArrowDown = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <path d="M12 5v14M6 13l6 6 6-6" />
  </Icon>
);
export const IconStar = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <path d="m12 3.8 2.5 5.2 5.6.7-4.1 3.9 1 5.6-5-2.7-5 2.7 1-5.6-4.1-3.9 5.6-.7z" />
  </Icon>
);
export const IconDatabase = (p: IconProps): ReactElement => (
  <Icon {...p}>
    <ellipse cx="12" cy="6" rx="7" ry="2.5" />
    <path d="M5 6v12c0 1.4 3.1 2.5 7 2.5s7-1.1 7-2.5V6M5 12c0 1.4 3.1 2.5 7 2.5s7-1.1 7-2.5" />
  </Icon>
);

import type {
  AlertCategory,
  AlertSeverity,
  AlertStatus,
  AssignmentStatus,
  Attendance,
  FeedbackType,
  FeedbackVisibility,
  GoalCategory,
  GoalStatus,
  RiskLevel,
  SessionMode,
  SessionStatus,
} from '../../shared/domain/enums.ts';
import type { StoredActionItem } from '../sessions/action-items.ts';

/** One student's dossier as one reader may see it (dossier.queries.ts). */
export interface DossierData {
  profile: {
    name: string;
    email: string;
    phone: string | null;
    rollNumber: string;
    program: string | null;
    yearOfStudy: number | null;
    gpa: number | null;
    attendancePct: number | null;
    riskLevel: RiskLevel;
    department: string | null;
  };
  assignments: {
    mentor: string;
    status: AssignmentStatus;
    assignedAt: string;
    endedAt: string | null;
    notes: string | null;
  }[];
  sessions: {
    id: string;
    date: string;
    mentor: string;
    mode: SessionMode;
    topic: string;
    summary: string | null;
    attendance: Attendance;
    status: SessionStatus;
    actionsDone: number;
    actionsOpen: number;
    /** The items as stored (the record book prints them; the dossier prints the counts). */
    actionItems: StoredActionItem[];
  }[];
  goals: {
    id: string;
    title: string;
    category: GoalCategory;
    status: GoalStatus;
    progressPct: number;
    targetDate: string | null;
    lastNote: string | null;
  }[];
  feedback: {
    date: string;
    giver: string;
    recipient: string;
    type: FeedbackType;
    rating: number;
    comments: string | null;
    visibility: FeedbackVisibility;
  }[];
  /** null when the reader may not see alerts at all (students). */
  alerts:
    | {
        createdAt: string;
        severity: AlertSeverity;
        category: AlertCategory;
        message: string;
        status: AlertStatus;
        closedAt: string | null;
      }[]
    | null;
  attachments: {
    fileName: string;
    mimeType: string;
    sizeBytes: number;
    relatedType: string;
    relatedId: string;
    createdAt: string;
    owner: string;
  }[];
  /** Whether summaries are part of this reader's copy. */
  showSummary: boolean;
}

/**
 * Documents of entry and onboarding (issue 16): applications, the 新人介绍 wall, hosts' private
 * notes and the ban/review audit log. Private notes are read only by host routes; no member-facing
 * answer is built from `memberNotes`.
 */

/** One application to join (`applications/<memberId>`); a re-application after a rejection reuses it (next round). */
export interface ApplicationDoc {
  id: string;
  memberId: string;
  nickname: string;
  answers: Array<{ question: string; answer: string }>;
  /** The invite code given with the application, and who it belongs to (邀请来源). */
  ref: string | null;
  inviterName: string | null;
  state: 'submitted' | 'approved' | 'rejected';
  round: number;
  submittedAt: string;
  decidedAt: string | null;
  decidedById: string | null;
  decidedByName: string | null;
  /** The reason the applicant reads (required on a rejection). */
  reason: string | null;
  /** Seconds from submission to the decision (time to decision). */
  decisionSeconds: number | null;
}

/** One self-introduction on the 新人介绍 wall (`intros/<memberId>`). */
export interface IntroDoc {
  id: string;
  memberId: string;
  nickname: string;
  text: string;
  at: string;
  greeted: boolean;
}

/** A host's private note on a member (`memberNotes/<memberId>:<at>:<hostId>`); never shown to members. */
export interface MemberNoteDoc {
  id: string;
  memberId: string;
  text: string;
  byId: string;
  byName: string;
  at: string;
}

/** One entry of the member audit log (`memberAudit/<memberId>:<at>:<byId>:<action>`): bans, unbans, application decisions. */
export interface MemberAuditDoc {
  id: string;
  memberId: string;
  action: 'ban' | 'unban' | 'approve' | 'reject';
  reason: string | null;
  until: string | null;
  byId: string;
  byName: string;
  at: string;
}

/** The rights, and the review's decision on each: names, grounds and what a partial grant leaves out. */
import type { Right } from '../../../inventory/types.js';
import type { DecisionGround, RightDecisionKind } from '../../../request/decisions.js';
import { law } from '../../legal.js';

const cite = (reference: string) => law(reference, 'en');

export const rights = {
  names: {
    access: 'Right of access',
    portability: 'Right to data portability',
    erasure: 'Right to erasure',
    rectification: 'Right to rectification',
    restriction: 'Right to restriction of processing',
    objection: 'Right to object',
    withdraw_consent: 'Right to withdraw consent',
  } satisfies Record<Right, string>,
};

export const decisions = {
  heading: 'Our decision on each right',
  names: {
    grant: 'granted',
    partial: 'granted in part',
    refuse: 'refused',
  } satisfies Record<RightDecisionKind, string>,
  /** Why a right was refused or granted only in part; `provision` is the ground's provision. */
  grounds: {
    manifestly_unfounded: (provision: string) => `The request is manifestly unfounded (${provision}).`,
    excessive: (provision: string) => `The request is excessive, in particular because of its repetitive character (${provision}).`,
    identity_not_confirmed: (provision: string) =>
      `We could not establish that the request comes from the person the data relates to, and the information we hold does not allow us to identify you (${provision} and Art. 12(2) GDPR). If you give us additional information that enables us to identify you, we will handle your request.`,
    other: (provision: string) => `We are not acting on this part of the request, for the reasons set out below (${provision}).`,
    freedom_of_expression: (provision: string) =>
      `Keeping the data is necessary for exercising the right of freedom of expression and information (exception of ${provision}).`,
    legal_obligation: (provision: string) => `The law requires us to keep the data (exception of ${provision}).`,
    public_health: (provision: string) =>
      `Keeping the data is necessary for reasons of public interest in the area of public health (exception of ${provision}).`,
    archiving_research: (provision: string) =>
      `Keeping the data is necessary for archiving purposes in the public interest, for scientific or historical research or for statistical purposes (exception of ${provision}).`,
    legal_claims: (provision: string) =>
      `Keeping the data is necessary for the establishment, exercise or defence of legal claims (exception of ${provision}).`,
    rights_of_others: (provision: string) => `Providing this data would adversely affect the rights and freedoms of others (${provision}).`,
    compelling_grounds: (provision: string) =>
      `We have compelling legitimate grounds for the processing which override your interests, rights and freedoms, or the processing is needed for the establishment, exercise or defence of legal claims (${provision}).`,
  } satisfies Record<DecisionGround, (provision: string) => string>,
  /** A decision on the line of its right: "Right to erasure (Art. 17 GDPR): refused." */
  rightDecision: (right: string, article: string, decision: string) => `${right} (${article}): ${decision}.`,
  facts: (facts: string) => `The facts on which we base this decision: ${facts}`,
  late: {
    refusalDeadline: 'Deadline for a refusal',
    decidedOn: 'Date of our decision',
    apology: `We should have told you within one month of receiving your request what we refuse and why (${cite('Art. 12(4)')}). This decision reaches you after that period; we apologise for the delay.`,
  },
  /** What a partial grant leaves out of a copy, or keeps from an erasure; `stores` is a list of titles. */
  leftOut: (stores: string) => `What we leave out of your copy: ${stores}.`,
  kept: (stores: string) => `What we keep: ${stores}.`,
  keptUntil: (until: string) =>
    `We expect this exception to apply until ${until}. We use this data only for this purpose. After that date you can ask us again to erase it.`,
};

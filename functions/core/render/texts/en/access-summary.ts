/**
 * The access package's README.html and summary.json (access-summary/): the Art. 15(1)
 * information. Store titles, categories, purposes and retention come from the inventory.
 */
import type { Right, StoreDefinition } from '../../../inventory/types.js';
import { CONTROLLER, SUPERVISORY_AUTHORITY } from '../../legal.js';

const contact = CONTROLLER.privacyEmail;
const ap = `${SUPERVISORY_AUTHORITY.name} (${SUPERVISORY_AUTHORITY.domain})`;

export const accessSummary = {
  title: 'Your personal data at Kiara: explanation',
  intro: (date: string) =>
    `This package contains a copy of the personal data ${CONTROLLER.name} holds about you, put together on ${date}. This document gives the information you are entitled to under Art. 15(1) GDPR.`,
  portabilityIntro: (date: string) =>
    `This package contains the personal data you provided to ${CONTROLLER.name} and the data recorded while you used the Service, put together on ${date}, so that you can take it to another service (Art. 20 GDPR). It is not a copy of all the data we hold about you: you can ask for that with an access request (Art. 15 GDPR). This document explains the data part by part.`,
  portabilityNote:
    'Because you asked for data portability (Art. 20 GDPR), the package contains the data you provided and the data recorded while you used the Service, in a structured, commonly used and machine-readable format (JSON and CSV, and media in their original format).',
  reference: 'Reference',
  createdOn: 'Put together on',
  rightsInvoked: 'Your request',
  controllerHeading: 'Who is responsible for your data',
  controller: `${CONTROLLER.name} (${CONTROLLER.country.en}) is the controller. Our privacy team handles all data-protection questions: ${contact}.`,
  contentsHeading: 'What this package contains',
  contentsCaption: 'Parts of this package',
  contentsHead: ['Data', 'Number', 'Files'],
  formats: (media: boolean) =>
    `Each part is in the data/ folder as a JSON file and as a CSV file; both are machine-readable.${media ? ' Uploaded and generated files are in the media/ folder, in their original format.' : ''} A summary of this document is in summary.json.`,
  perStoreHeading: 'For each part: what, why, who receives it, how long, and where it comes from',
  categories: 'Categories of personal data (Art. 15(1)(b) GDPR)',
  purposes: 'Purposes and legal basis (Art. 15(1)(a) GDPR)',
  recipients: 'Recipients (Art. 15(1)(c) GDPR)',
  retention: 'Retention period (Art. 15(1)(d) GDPR)',
  source: 'Source (Art. 15(1)(g) GDPR)',
  files: 'Files in this package',
  count: 'Number',
  otherDisclosures:
    'Apart from these processors, we disclose personal data only where the law requires it, or to protect the rights, safety and security of the Service and its users. Kiara does not sell personal data.',
  transfersHeading: 'Transfers outside the EEA (Art. 15(2) GDPR)',
  transfers: `Some of our processors may process data outside the European Economic Area (EEA). Where that happens, we rely on appropriate safeguards under the GDPR: principally the European Commission's Standard Contractual Clauses (SCCs), with supplementary measures where appropriate, or an adequacy decision (Art. 45 and 46 GDPR). You can ask for more information about these safeguards at ${contact}.`,
  rightsHeading: 'Your rights (Art. 15(1)(e) GDPR)',
  rightsIntro: 'Subject to the conditions of the GDPR, you also have these rights:',
  rightsHow: `To exercise any of these rights, email ${contact}. This is free of charge unless a request is manifestly unfounded or excessive.`,
  complaintHeading: 'Right to lodge a complaint (Art. 15(1)(f) GDPR)',
  complaint: `If you believe we have not handled your personal data lawfully, you have the right to lodge a complaint with the Dutch data protection authority, the ${ap}, or with the supervisory authority in the EU country where you live or work (Art. 77 GDPR). We would appreciate the chance to address your concerns first.`,
  automatedHeading: 'Automated decision-making (Art. 15(1)(h) GDPR)',
  automated:
    'Kiara does not make decisions about you based solely on automated processing that produce legal effects concerning you or similarly significantly affect you (Art. 22 GDPR). We do use automated systems for moderation, abuse detection and rate limiting. Where such a system flags activity, material enforcement decisions are reviewed by a person.',
  noStores: 'We found no data to include in this package.',
  /** Art. 15(1)(g): where a store's data came from. */
  sources: {
    provided: 'Provided by you, for example when you signed up or used the Service',
    observed: "Recorded by Kiara's systems while you used the Service",
    derived: 'Derived by Kiara from other data in your account',
    payment_processor: 'Received from our payment processor when you paid',
  } satisfies Record<StoreDefinition['source'], string>,
  /** The rights listed besides access (Art. 15(1)(e), policy §7). */
  otherRights: {
    rectification: 'have inaccurate or incomplete data corrected',
    erasure: 'have your data erased, except where the law requires us to keep it',
    restriction: 'have the processing of your data restricted, for example while a dispute about its accuracy is being resolved',
    objection: 'object to processing based on our legitimate interests',
    portability:
      'receive the data you provided in a structured, commonly used and machine-readable format, or have it sent to another organisation where technically feasible',
    withdraw_consent:
      'withdraw consent at any time, without affecting earlier processing; Kiara currently does not process personal data on the basis of consent',
  } satisfies Record<Exclude<Right, 'access'>, string>,
  /** The records kept of the person's earlier requests (access-summary/request-records.ts). */
  requestRecords: {
    title: 'Records of your privacy requests',
    categories: 'For each request: the email address it came from, the rights you invoked, the dates, our decisions and the steps taken',
    purpose: 'To handle your requests and to be able to show that we handled them as the GDPR requires (Art. 5(2), 12 and 24 GDPR)',
    source: 'Provided by you when you filed the request, and recorded by us while we handled it',
    received: 'Received',
    closed: 'Closed',
    keptUntil: 'Kept until',
    open: 'still open',
    retention: (years: number) => `${years} years after the request was closed; then the whole record is deleted`,
  },
  /** Data that may have aged out between receipt and collection (access-summary/aged-out.ts). */
  agedOut: {
    heading: 'Data that may have aged out before we collected it',
    intro:
      'Between the receipt of your request and the moment we secured your data for it, the following data reached the end of its retention period. Under our retention policy it may have been deleted in that time, and is then not in this package:',
    window: (from: string, to: string, days: string) => `recorded between ${from} and ${to} (kept ${days})`,
    after: 'From that moment on, nothing was left to age out: what we held then is in this package.',
  },
};

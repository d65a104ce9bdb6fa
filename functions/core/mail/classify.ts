import type { Right } from '../inventory/types.js';

/**
 * Words that suggest a right, in English and Dutch. A suggestion for the privacy team's
 * triage only: the team reads the message and decides which rights it invokes.
 */
const KEYWORDS: Record<Right, RegExp> = {
  access: /\b(access|copy of|what (personal )?data|which data|subject access|inzage|inzien|kopie|welke (persoons)?gegevens|art(icle|ikel)?\.? ?15)\b/i,
  portability: /\b(portab\w*|export|transfer my data|machine[- ]readable|overdraagbaar\w*|overdragen|meenemen|art(icle|ikel)?\.? ?20)\b/i,
  erasure: /\b(delet\w*|eras\w*|remove|forgotten|close my account|verwijder\w*|wis(sen)?|gewist|vergeten|opheffen|art(icle|ikel)?\.? ?17)\b/i,
  rectification: /\b(rectif\w*|correct\w*|wrong|inaccurate|incorrect|update my|verbeter\w*|corrigeer\w*|onjuist|aanpass\w*|art(icle|ikel)?\.? ?16)\b/i,
  restriction: /\b(restrict\w*|limit (the )?processing|beperk\w*|art(icle|ikel)?\.? ?18)\b/i,
  objection: /\b(object\w*|bezwaar|art(icle|ikel)?\.? ?21)\b/i,
  withdraw_consent: /\b(withdraw\w*|consent|toestemming|intrekken|ingetrokken)\b/i,
};

/** The rights a message's words suggest, in the order of the intake's rights. */
export function suggestRights(text: string): Right[] {
  return (Object.keys(KEYWORDS) as Right[]).filter((right) => KEYWORDS[right].test(text));
}

/**
 * The longest text (comment, reason, deferral note) the bot accepts. DigiOffice stores these texts as nvarchar(4000)
 * (an inference, see docs/digioffice-contract.md); counted in UTF-16 code units, as SQL Server counts them.
 */
export const MAX_TEXT_LENGTH = 4000;

/** DigiOffice's ids (tasks, users, groups, roles) are 32-bit signed integers. */
export const MAX_DIGIOFFICE_ID = 2 ** 31 - 1;

/** The one-time sign-in code the sign-in page hands back (and a user may type into the chat) has this many digits. */
export const SIGN_IN_CODE_DIGITS = 8;

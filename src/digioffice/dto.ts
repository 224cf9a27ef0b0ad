import { z } from 'zod';
import { GUID_PATTERN, normaliseGuid } from '../core/guid';

/**
 * DigiOffice DTOs as they appear on the wire: PascalCase names exactly as DigiOffice's metadata pages declare them
 * (docs/digioffice-contract.md). Objects are parsed non-strictly: unknown properties (e.g. `__type`) are dropped,
 * never rejected. Nullable fields accept both `null` and absence.
 */

const guid = z.string().regex(GUID_PATTERN, 'expected a GUID');
const optionalString = z.string().nullish();
const intList = z.array(z.number().int()).nullish();

/** A DigiOffice timestamp string as received (normalised later by `dates.ts`). */
export const DigiOfficeDateString = z.string().min(1);

export const WorkflowTransitionDTO = z.object({
  ID: guid.transform(normaliseGuid),
  Name: z.string().min(1),
  AssignmentAtStartWorkflowIsAdHoc: z.boolean().default(false),
  AssignmentIsAdHocRequired: z.boolean().default(false),
  DeferAtStartWorkflowIsAdHoc: z.boolean().default(false),
  IsNext: z.boolean().default(false),
  UserIDs: intList,
  GroupIDs: intList,
  RoleIDs: intList,
  DeferUntil: DigiOfficeDateString.nullish(),
  DeferralNote: optionalString,
});
export type WorkflowTransitionDTO = z.infer<typeof WorkflowTransitionDTO>;

export const WorkflowTaskDTO = z.object({
  ID: z.number().int().positive(),
  Name: z.string().min(1),
  WorkflowID: z.number().int().nullish(),
  WorkflowDescription: optionalString,
  StatusDescription: optionalString,
  TypeDescription: optionalString,
  ExpirationDate: DigiOfficeDateString.nullish(),
  AssignedDate: DigiOfficeDateString.nullish(),
  Urgent: z.boolean().nullish(),
  RelativeDetailLink: optionalString,
  Reason: optionalString,
  UserID: z.number().int().nullish(),
});
export type WorkflowTaskDTO = z.infer<typeof WorkflowTaskDTO>;

/** The request body of `POST /api/workflowtasks/finish`. Field order follows DigiOffice's metadata page. */
export interface FinishTaskOperation {
  TaskIDs: number[];
  WSVerbindingID: string | null;
  Transitions: FinishTransition[] | null;
  DeferTo: string | null;
  Reason: string | null;
  Comment: string | null;
}

/** A `WorkflowTransitionDTO` as the bot sends it back inside FinishTaskOperation. */
export interface FinishTransition {
  ID: string;
  Name: string;
  AssignmentAtStartWorkflowIsAdHoc: boolean;
  AssignmentIsAdHocRequired: boolean;
  DeferAtStartWorkflowIsAdHoc: boolean;
  IsNext: boolean;
  UserIDs: number[];
  GroupIDs: number[];
  RoleIDs: number[];
  DeferUntil: string | null;
  DeferralNote: string | null;
}

export const ResponseError = z.object({
  ErrorCode: optionalString,
  FieldName: optionalString,
  Message: optionalString,
});
export type ResponseError = z.infer<typeof ResponseError>;

export const ResponseStatus = z.object({
  ErrorCode: optionalString,
  Message: optionalString,
  Errors: z.array(ResponseError).nullish(),
});
export type ResponseStatus = z.infer<typeof ResponseStatus>;

export const ErrorResponse = z.object({ ResponseStatus: ResponseStatus });

export const AuthenticateResponse = z.object({
  UserId: z
    .union([z.string(), z.number()])
    .nullish()
    .transform((v) => (v == null ? null : String(v))),
  UserName: optionalString,
  DisplayName: optionalString,
  BearerToken: z.string().min(1),
  RefreshToken: z.string().min(1).nullish(),
});
export type AuthenticateResponse = z.infer<typeof AuthenticateResponse>;

export const AccessTokenResponse = z.object({ AccessToken: z.string().min(1) });

export const UserOrGroup = z.object({
  ID: z.number().int(),
  Title: z.string(),
  IsChecked: z.boolean().nullish(),
  __type: z.string().nullish(),
});
export const UsersOrGroupsResponse = z.object({
  NumberOfAllRecords: z.number().int().nullish(),
  UsersOrGroups: z.array(UserOrGroup).nullish(),
});
export type UsersOrGroupsResponse = z.infer<typeof UsersOrGroupsResponse>;

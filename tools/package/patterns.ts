/** Same as the Teams schema's `guid` definition. */
export const GUID_PATTERN = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

/** Teams wants MAJOR.MINOR.PATCH, without pre-release or build parts. */
export const SEMVER_PATTERN = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/** `${{NAME}}` placeholders of the manifest templates. */
export const PLACEHOLDER_PATTERN = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

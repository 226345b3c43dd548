// What a column of a table the core described can be used as.

/** Columns that can be an outcome (or a covariate): numbers. */
export const outcomeColumns = (description) => description.columns.filter((c) => c.type === 'numeric' || c.type === 'integer');

export { importItems, importJsonLd, importSource, itemsOfSource, jsonLdBlocksOfHtml, type ImportReport, type ImportOptions } from "./import";
export { claimReviewItems, readClaimReview, type FactCheckFields, type ItemError } from "./extract";
export { listFactchecks, type FactCheckListItem } from "./queries";

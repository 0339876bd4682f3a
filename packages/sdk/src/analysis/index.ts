/** Deal math; filled in by the deal-analysis issue. */
export {};

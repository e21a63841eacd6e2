/**
 * The one look of a link: blue and underlined, so that links in running text
 * are told apart by more than colour (WCAG 1.4.1, axe's link-in-text-block).
 */
export const textLink = "text-blue-700 underline decoration-1 underline-offset-2 hover:decoration-2 dark:text-blue-400";

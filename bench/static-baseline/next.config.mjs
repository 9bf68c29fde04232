/** The bench's static page baseline, built into its own folder. */
export default { distDir: '.next-static', poweredByHeader: false };

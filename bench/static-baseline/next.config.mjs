/** The bench's static page baseline, built into its own folder. */
const config = { distDir: '.next-static', poweredByHeader: false };

export default config;

/**
 * Staff names that are markup: a page that put a name into HTML unescaped would run them. The
 * page-data county and the built-site tests both give them to cadres.
 */
export const hostileNames = ["<script>window.__pwned=1</script>张三", '<img src=x onerror="window.__pwned=2">李四'];

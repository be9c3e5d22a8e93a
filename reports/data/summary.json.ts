import { emitPageData } from "../../src/site/page-loaders.ts";

await emitPageData(import.meta.url);

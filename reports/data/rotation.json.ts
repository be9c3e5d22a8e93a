import { emitPageData } from "../../src/site/context.ts";
import { rotationData } from "../../src/site/rotation.ts";

await emitPageData(rotationData);

/* The page for an address that names nothing (served by the server with status 404). */
import { startPage } from './layout.js';

startPage(async () => {}, { publicPage: true });

// missing_import.js — imports a file that does not exist.
import { nothing } from "./no_such_file.js";
nothing();

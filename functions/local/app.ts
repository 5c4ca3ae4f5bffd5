import { Hono } from "hono";
import { app } from "../api/app";

/**
 * The deployed app plus what exists only on this machine. Nothing here is reachable on AWS:
 * the Lambda handler imports `../api/app`, never this file.
 */
export const localApp = new Hono().route("/", app);

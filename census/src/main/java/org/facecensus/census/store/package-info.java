/** The census as SQLite tables ({@code census.sqlite}). */
package org.facecensus.census.store;

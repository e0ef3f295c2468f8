/**
 * Notebook helpers: fast mode and data location ({@link lecture7.notebook.Kit}), progress displays for
 * training cells, exercise checks that explain a wrong answer, and each notebook's key numbers as
 * JSON for tests and the site ({@link lecture7.notebook.Results}, {@code build/results/<notebook>.json}).
 */
package lecture7.notebook;

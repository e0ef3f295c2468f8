/**
 * Notebook helpers: fast mode and data location ({@link lecture7.notebook.Kit}), progress displays for
 * training cells and exercise checks that explain a wrong answer.
 */
package lecture7.notebook;

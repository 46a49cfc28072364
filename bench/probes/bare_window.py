"""Launch baseline: a bare PySide6 window with one QTableView, as lean as a script can be.

Run as a script by ``bench.bench_ui``; prints READY once the table is painted.
"""

import sys

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

app = QApplication(sys.argv)
window = QMainWindow()
view = QTableView(window)
model = QStandardItemModel(50, 6, view)
for row in range(50):
    for col in range(6):
        model.setItem(row, col, QStandardItem(f"r{row}c{col}"))
view.setModel(model)
window.setCentralWidget(view)
window.resize(1280, 800)
window.show()
app.processEvents()  # exposes the window and paints it, the table with its rows once
print("READY", flush=True)

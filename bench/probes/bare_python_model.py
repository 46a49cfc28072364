"""Launch reference: the bare window of ``bare_window.py``, its table showing a Python model.

Run as a script by ``bench.bench_ui`` beside the bare window; prints READY once the table is
painted. The only difference from the bare window is where the cells and column titles come
from: a minimal ``QAbstractTableModel`` written in Python, as in any PySide application whose
table shows its own records. Such a model is handed Qt's enums (the header's orientation, the
roles it compares), and PySide creates every enum of Qt's ``Qt`` namespace (over a thousand
values) the first time any of them is used; the bare window's C++ model never does. The
difference between the two probes is that cost.
"""

import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

DISPLAY = Qt.ItemDataRole.DisplayRole


class Model(QAbstractTableModel):
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 50

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 6

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY) -> object:
        return f"r{index.row()}c{index.column()}" if role == DISPLAY else None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> object:
        if role == DISPLAY and orientation == Qt.Orientation.Horizontal:
            return f"c{section}"
        return None


app = QApplication(sys.argv)
window = QMainWindow()
view = QTableView(window)
view.setModel(Model(view))
window.setCentralWidget(view)
window.resize(1280, 800)
window.show()
app.processEvents()  # exposes the window and paints it, the table with its rows once
if __name__ == "__main__":
    print("READY", flush=True)

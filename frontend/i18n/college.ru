# The college service's app (frontend/college): its shell and its pages.
# Words of seed 000 (OQU, «Прием документов в организации технического и профессионального,
# послесреднего образования»).

# Shell
co_brand = Qabyldau — приём в колледжи
co_nav_colleges = Колледжи
co_nav_processed = Обработанные заявки
co_nav_specialties = Специальности
co_nav_grade1 = Приём в 1 класс
co_to_home = К поиску колледжа
co_not_college_staff = Раздел доступен сотрудникам колледжей.

# Finding a college, its page
co_finder_title = Поступление в колледж
co_finder_lead = Выберите населённый пункт: здесь колледжи, их специальности, места по государственному заказу и рейтинги поступающих.
co_locality = Населённый пункт
co_choose = Выберите
co_no_colleges = В этом населённом пункте нет колледжей, принимающих заявления через сервис.
co_campaign_period = Приём документов на {year} учебный год: с {from} по {to}.
co_campaign_open = Приём открыт.
co_campaign_closed = Сейчас приём не ведётся.
co_apply = Подать заявление
co_specialties = Специальности и места
co_no_specialties = Специальности ещё не добавлены.
co_specialty = Специальность
co_language = Язык обучения
co_form = Форма обучения
co_basis = На базе
co_state_places = Мест по госзаказу
co_paid_places = Платных мест
co_ranking_open = Рейтинг
co_back_to_college = К странице колледжа

# The application
co_apply_title = Заявление о приёме документов
co_apply_lead = В «{college}» на {year} учебный год. Заявление рассматривается в течение одного рабочего дня.
co_student = Поступающий
co_who = Кто подаёт заявление
co_who_self = Я поступаю сам (с 16 лет)
co_who_child = Я законный представитель поступающего
co_student_iin = ИИН поступающего
co_own_iin = Поступающий — вы, ИИН {iin}.
co_birth = Дата рождения {date}, пол: {sex}
co_last_name = Фамилия
co_first_name = Имя
co_middle_name = Отчество (при наличии)
co_education = Образование
co_certificate = Номер аттестата или диплома
co_score = Средний балл
co_score_hint = От 3,0 до 5,0, например 4,25
co_choices = Специальности по приоритету
co_choices_hint = До четырёх специальностей колледжа на выбранной базе, первая — самая желанная.
co_choice_n = Приоритет {n}
co_choice_none = Не выбрано
co_circumstances = Квота и условия
co_quota = Квота приёма
co_quota_none = Без квоты
co_disability_question = Инвалидность I, II группы или с детства
co_disability_hint = Потребуется заключение МСЭ (форма 031/у).
co_dormitory_question = Нужно общежитие
co_documents = Документы
co_contacts = Контакты
co_submit = Подать заявление

# The applicant's applications
co_my_title = Мои заявления в колледжи
co_my_empty = Заявлений в колледжи пока нет.
co_find = Найти колледж
co_application_no = Заявление № {n}
co_application = Заявление
co_college = Колледж
co_year = Учебный год
co_submitted = Подано
co_due = Срок рассмотрения
co_decision = Решение
co_decision_accept = Документы приняты
co_decision_reject = Отказано
co_details = Сведения о поступлении
co_disability = Инвалидность
co_dormitory = Общежитие
co_yes = Да
co_no = Нет
co_rank_title = Место в рейтинге
co_position_of = {n} из {of}

# Ranked lists
co_ranking_title = Рейтинг
co_split_title = Места по государственному заказу
co_quota_taken = занято {taken} из {seats}
co_general_seats = Мест общего конкурса
co_cut_off = Проходной балл
co_cut_off_none = пока есть свободные места
co_ranking_empty = В рейтинге пока никого: в него входят принятые заявления после подписи директора.
co_col_position = Место
co_col_number = Заявление
co_col_priority = Приоритет
co_col_seat = Проходит
co_seat_quota = в пределах квоты: {category}
co_seat_general = в пределах мест
co_seat_outside = за пределами мест

# The admissions office
co_col_score_choice = Балл и специальность
co_add_line = Добавить специальность
co_edit_line = Изменить специальность
co_edit = Изменить
co_delete = Удалить
co_save = Сохранить
co_code = Код по классификатору
co_code_hint = 8 цифр, например 06130100
co_name_ru = Название (рус.)
co_name_kk = Название (каз.)
co_qualification_ru = Квалификация (рус.)
co_qualification_kk = Квалификация (каз.)
